import { Transform } from 'class-transformer';
import { Matches } from 'class-validator';

/**
 * An amount given as a decimal string ("1250.00") or a JSON number (1250.5).
 * Numbers are turned into their shortest decimal string, so a float artefact
 * such as 0.30000000000000004 is refused for having too many decimals.
 */
export function DecimalAmount(): PropertyDecorator {
  const transform = Transform(({ value }: { value: unknown }) =>
    typeof value === 'number' && Number.isFinite(value) ? String(value) : value,
  );
  const matches = Matches(/^\d{1,15}(\.\d+)?$/, {
    message: '$property must be a positive decimal amount such as "1250.00"',
  });
  return (target, key) => {
    transform(target, key);
    matches(target, key);
  };
}
