// class-transformer ships no declaration for this deep import; class-validator-jsonschema needs the same storage the DTOs' @Type() wrote to.
declare module 'class-transformer/cjs/storage.js' {
  export { defaultMetadataStorage } from 'class-transformer/types/storage.js';
}
