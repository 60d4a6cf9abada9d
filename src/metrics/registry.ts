import { collectDefaultMetrics, Counter, Histogram, register, type CounterConfiguration, type HistogramConfiguration, type Metric } from 'prom-client';

/**
 * The process's Prometheus registry is prom-client's default `register`: the API's `/metrics` serves it,
 * and any capability may add its metrics to it. These helpers return the metric already registered under
 * the name (a module imported twice, two applications in one test process) instead of throwing.
 */
export { register as metricsRegistry };

export function counter<L extends string>(config: CounterConfiguration<L>): Counter<L> {
  return (register.getSingleMetric(config.name) as Counter<L> | undefined) ?? new Counter(config);
}

export function histogram<L extends string>(config: HistogramConfiguration<L>): Histogram<L> {
  return (register.getSingleMetric(config.name) as Histogram<L> | undefined) ?? new Histogram(config);
}

/** Registers `metric` under its name, replacing one an earlier application of this process left; returns the unregistering call. */
export function registerReplacing(metric: Metric, name: string): () => void {
  if (register.getSingleMetric(name)) register.removeSingleMetric(name);
  register.registerMetric(metric);
  return () => {
    if (register.getSingleMetric(name) === metric) register.removeSingleMetric(name);
  };
}

/** Node's process metrics (CPU, resident memory, event-loop lag, heap, GC), once per process. */
export function collectProcessMetrics(): void {
  if (!register.getSingleMetric('process_resident_memory_bytes')) collectDefaultMetrics();
}
