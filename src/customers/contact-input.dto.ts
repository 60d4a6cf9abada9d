import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsEmail, IsIn, IsOptional, IsString, Length, Matches, ValidateNested,
} from 'class-validator';
import { CONTACT_ROLES, type ContactRole } from '../../workflows/domain/scenario.js';
import { FieldValidationError, type FieldError } from '../common/validation.js';
import { CONTACT_OPT_OUTS, type ContactOptOut } from './contact-opt-outs.js';

export const SUPPORTED_LANGUAGES = ['fr', 'en'] as const;
export const MAX_CONTACTS = 20;

/** One person at the customer, as the ERP or a collector describes it. */
export class ContactInputDto {
  @IsOptional() @IsString() @Length(1, 300)
  name?: string;

  /** What the contact is for; scenario steps write to roles (default `billing`). */
  @IsArray() @ArrayMinSize(1) @ArrayUnique() @IsIn(CONTACT_ROLES, { each: true, message: `each role must be one of ${CONTACT_ROLES.join(', ')}` })
  roles!: ContactRole[];

  @IsOptional() @IsEmail({}, { message: 'email must be a valid email address' }) @Length(3, 320)
  email?: string;

  @IsOptional() @Matches(/^\+[1-9]\d{6,14}$/, { message: 'phone must be in E.164 form, such as +33612345678' })
  phone?: string;

  /** Where letters go (lines separated by newlines); absent → the customer's name, as before contacts had addresses. */
  @IsOptional() @IsString() @Length(1, 300)
  postalAddress?: string;

  @IsOptional() @IsIn(SUPPORTED_LANGUAGES)
  language?: (typeof SUPPORTED_LANGUAGES)[number];

  /** Channels the contact refused: nothing goes out to it on them. */
  @IsOptional() @IsArray() @ArrayUnique() @IsIn(CONTACT_OPT_OUTS, { each: true, message: `each opt-out must be one of ${CONTACT_OPT_OUTS.join(', ')}` })
  optOuts?: ContactOptOut[];

  /** The contact the customer's own email/phone/language fields describe on invoice pushes; default the first `billing` one. */
  @IsOptional() @IsBoolean()
  primary?: boolean;
}

/** `PUT /api/v1/customers/:externalId/contacts`: the customer's whole list of contacts. */
export class ContactsInputDto {
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(MAX_CONTACTS) @ValidateNested({ each: true }) @Type(() => ContactInputDto)
  contacts!: ContactInputDto[];
}

/** The rules across fields and contacts that the decorators cannot say; `prefix`: where the list sits in the body. */
export function contactListProblems(contacts: readonly ContactInputDto[], prefix: string): FieldError[] {
  const problems: FieldError[] = [];
  contacts.forEach((c, i) => {
    if (!c.email && !c.phone && !c.postalAddress) {
      problems.push({ field: `${prefix}[${i}]`, messages: ['a contact needs at least one of email, phone, postalAddress'] });
    }
  });
  const primaries = contacts.flatMap((c, i) => (c.primary ? [i] : []));
  if (primaries.length > 1) {
    problems.push({ field: `${prefix}[${primaries[1]}].primary`, messages: [`only one contact can be primary (${prefix}[${primaries[0]}] already is)`] });
  }
  const seen = new Map<string, number>();
  contacts.forEach((c, i) => {
    for (const key of [c.email && `email:${c.email.toLowerCase()}`, c.phone && `phone:${c.phone}`]) {
      if (!key) continue;
      const first = seen.get(key);
      if (first !== undefined && first !== i) {
        problems.push({ field: `${prefix}[${i}].${key.split(':')[0]}`, messages: [`${key.slice(key.indexOf(':') + 1)} is already ${prefix}[${first}]'s`] });
      } else seen.set(key, i);
    }
  });
  return problems;
}

export function assertContactList(contacts: readonly ContactInputDto[], prefix: string): void {
  const problems = contactListProblems(contacts, prefix);
  if (problems.length > 0) throw new FieldValidationError(problems);
}
