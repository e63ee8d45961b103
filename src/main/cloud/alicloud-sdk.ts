/* eslint-disable @typescript-eslint/no-require-imports -- loaded on first use, see below */
import type * as OpenApiClient from '@alicloud/openapi-client';
import type * as OpenApiUtil from '@alicloud/openapi-util';
import type * as TeaUtil from '@alicloud/tea-util';

/**
 * Alibaba Cloud's OpenAPI client, loaded the first time a cloud import needs it: loading it (with its XML and lodash
 * dependencies) took ~70 ms, which every CLI command (and the app at start) paid before doing anything.
 */
export interface AlicloudSdk {
  client: typeof OpenApiClient;
  util: typeof OpenApiUtil.default;
  tea: typeof TeaUtil;
}

let loaded: AlicloudSdk | undefined;

export function alicloudSdk(): AlicloudSdk {
  loaded ??= {
    client: require('@alicloud/openapi-client') as typeof OpenApiClient,
    util: (require('@alicloud/openapi-util') as typeof OpenApiUtil).default,
    tea: require('@alicloud/tea-util') as typeof TeaUtil,
  };
  return loaded;
}
