import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { default as addFormats } from 'ajv-formats';
import type { OpenAPIObject, OperationObject, ReferenceObject, ResponseObject } from '@nestjs/swagger';

const BASE = 'https://relance.invalid/openapi.json';

/** Checks observed responses against the document: the status is documented and the body matches its schema. */
export class ContractChecker {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true });
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(private readonly document: OpenAPIObject) {
    (addFormats as unknown as (ajv: Ajv2020) => void)(this.ajv);
    this.ajv.addFormat('binary', true);
    this.ajv.addSchema({ $id: BASE, components: document.components });
  }

  /** What is wrong with this answer to `method pathTemplate` (empty: it matches the contract). */
  problems(method: string, pathTemplate: string, status: number, body: unknown, contentType = 'application/json'): string[] {
    const operation = (this.document.paths[pathTemplate] as Record<string, OperationObject> | undefined)?.[method.toLowerCase()];
    if (!operation) return [`${method} ${pathTemplate} is not documented`];
    let response = operation.responses[String(status)] as ResponseObject | ReferenceObject | undefined;
    if (!response) return [`${method} ${pathTemplate} does not document status ${status}`];
    if ('$ref' in response) response = this.document.components!.responses![response.$ref.split('/').pop()!] as ResponseObject;
    const media = response.content?.[contentType.split(';')[0]!.trim()];
    if (!media) return [`${method} ${pathTemplate} ${status} documents no ${contentType} body`];
    const key = `${method} ${pathTemplate} ${status} ${contentType}`;
    let validate = this.compiled.get(key);
    if (!validate) {
      const schema = JSON.parse(JSON.stringify(media.schema ?? {}).replaceAll('"#/components/', `"${BASE}#/components/`)) as object;
      validate = this.ajv.compile(schema);
      this.compiled.set(key, validate);
    }
    return validate(body) ? [] : (validate.errors ?? []).map((e) => `${key}: ${e.instancePath || '(body)'} ${e.message ?? ''}`);
  }
}
