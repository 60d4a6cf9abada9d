import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { amountProblem } from './amount-input.js';

export interface DecimalAmountOptions {
  /**
   * The sibling property holding the ISO 4217 currency: the amount may then
   * have no more decimals than that currency (EUR 2, JPY 0, KWD 3). Without
   * it (the currency is known only later, e.g. an invoice's), at most 4; the
   * service checks the currency's own precision before writing anything.
   */
  currencyField?: string;
  /** Currency when `currencyField` is absent from the request (e.g. a documented default). */
  defaultCurrency?: string;
}

/**
 * An amount given as a decimal string ("1250.00"), never a JSON number: a
 * number such as 123456789012345.01 has already been rounded by the JSON
 * parser, so it is refused with a field error asking for a string.
 */
export function DecimalAmount(options: DecimalAmountOptions = {}, validation?: ValidationOptions): PropertyDecorator {
  const currencyOf = (args: ValidationArguments): string | null => {
    const given = options.currencyField ? (args.object as Record<string, unknown>)[options.currencyField] : undefined;
    const currency = given ?? options.defaultCurrency;
    // A malformed currency gets its own field error; the amount is then held to the widest precision.
    return typeof currency === 'string' && /^[A-Z]{3}$/.test(currency) ? currency : null;
  };
  return (target, propertyName) =>
    registerDecorator({
      name: 'decimalAmount',
      target: target.constructor,
      propertyName: String(propertyName),
      options: validation ?? {},
      validator: {
        validate: (value: unknown, args) => amountProblem(args!.property, value, currencyOf(args!)) === null,
        defaultMessage: (args) => amountProblem(args!.property, args!.value, currencyOf(args!)) ?? `${args!.property} is invalid`,
      },
    });
}
