import { IsOptional, IsString, Length } from 'class-validator';

export class NoteDto {
  @IsString() @Length(1, 10_000)
  body!: string;
}

export class CustomerNoteDto extends NoteDto {
  /** Legal entity code of the customer (default: the default entity). */
  @IsOptional() @IsString() @Length(1, 64)
  entity?: string;
}

export class NotesQuery {
  @IsOptional() @IsString() @Length(1, 64)
  entity?: string;
}
