import { IsBoolean, IsString, Length, Matches } from 'class-validator';

export class CreateIntegrationDto {
  /** Names the ERP connection (e.g. `sap-prod`): shown as the author of what it does. */
  @IsString() @Length(1, 200) @Matches(/^\S(.*\S)?$/, { message: 'name must not be blank or padded with spaces' })
  name!: string;
}

export class UpdateIntegrationDto {
  @IsBoolean()
  active!: boolean;
}
