import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { default as addFormats } from 'ajv-formats';
import type { OpenAPIObject, OperationObject, ReferenceObject, ResponseObject } from '@nestjs/swagger';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from '@jest/globals';
import { projectRoot } from '../../src/bootstrap/project-root.js';
import type { Platform } from './platform.js';

const BASE = 'https://relance.invalid/openapi.json';

/** A checker of the committed openapi.json (the served one equals it: openapi-contract.e2e.test.ts). */
export function committedContract(): ContractChecker {
  return new ContractChecker(JSON.parse(readFileSync(join(projectRoot(), 'openapi.json'), 'utf8')) as OpenAPIObject);
}

/** Checks observed responses against the document: the status is documented and the body matches its schema. */
export class ContractChecker {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true });
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(private readonly document: OpenAPIObject) {
    (addFormats as unknown as (ajv: Ajv2020) => void)(this.ajv);
    this.ajv.addFormat('binary', true);
    this.ajv.addSchema({ $id: BASE, components: document.components });
  }

  /** `problems` for a concrete request path (`/api/v1/invoices/ext%3AINV-1/cancel?entity=x`): its template is looked up in the document. */
  problemsAt(method: string, url: string, status: number, body: unknown, contentType = 'application/json'): string[] {
    const template = this.templateOf(method, url);
    if (!template) return [`${method} ${url} matches no documented path`];
    if (status === 204) return this.documentsStatus(method, template, status) ? [] : [`${method} ${template} does not document status 204`];
    return this.problems(method, template, status, body, contentType);
  }

  /** The documented path `url` falls under; a literal segment wins over a parameter (`/users/me` before `/users/{id}`). */
  templateOf(method: string, url: string): string | undefined {
    const path = url.split('?')[0]!;
    return Object.entries(this.document.paths)
      .filter(([template, item]) => method.toLowerCase() in item && templateRegExp(template).test(path))
      .map(([template]) => template)
      .sort((a, b) => (a.match(/\{/g)?.length ?? 0) - (b.match(/\{/g)?.length ?? 0))[0];
  }

  private documentsStatus(method: string, template: string, status: number): boolean {
    return String(status) in ((this.document.paths[template] as Record<string, OperationObject>)[method.toLowerCase()]?.responses ?? {});
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

function templateRegExp(template: string): RegExp {
  const pattern = template.split(/\{[^}]+\}/).map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')).join('[^/]+');
  return new RegExp(`^${pattern}$`);
}

/** The platform, its `request` checking every answer against the committed contract (the documented status and body schema). */
export function withContractChecks(platform: Platform): Platform {
  const contract = committedContract();
  const request: Platform['request'] = async (method, path, body, options) => {
    const res = await platform.request(method, path, body, options);
    expect(contract.problemsAt(method, path, res.status, res.body, res.headers.get('content-type') ?? '')).toEqual([]);
    return res;
  };
  return Object.assign(Object.create(platform) as Platform, { request });
}
