/** The server's identity from `GET /api/v1/version`. */
import type { HttpClient } from '../../base/http/client';
import { integer, object, string } from '../../base/http/decode';

export interface ServerVersion {
  name: string;
  version: string;
  /** Major version of the JSON API. */
  api: number;
}

export function decodeVersion(json: unknown): ServerVersion {
  const record = object(json, 'body');
  return {
    name: string(record, 'name', 'body'),
    version: string(record, 'version', 'body'),
    api: integer(record, 'api', 'body'),
  };
}

export function fetchVersion(client: HttpClient, signal: AbortSignal): Promise<ServerVersion> {
  return client.getJson('/api/v1/version', decodeVersion, signal);
}
