// Evaluates flags on a Vexil server through the OpenFeature server SDK and its OFREP provider, exactly as an
// application would, and prints what the SDK reported as JSON. Input comes from the environment:
//   VEXIL_URL, VEXIL_TOKEN          where and as whom
//   VEXIL_SPLIT_FLAG, VEXIL_KEYS    a boolean flag and a comma-separated list of targeting keys to evaluate it for
//   VEXIL_ACTOR_FLAG, VEXIL_ACTOR   a flag enabled for one extra actor, passed as context.actors
//   VEXIL_DEFINED_FLAG              a flag with a definition, for metadata
import { OpenFeature } from '@openfeature/server-sdk';
import { OFREPProvider } from '@openfeature/ofrep-provider';

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

const provider = new OFREPProvider({
  baseUrl: env('VEXIL_URL').replace(/\/$/, ''),
  headers: { Authorization: `Bearer ${env('VEXIL_TOKEN')}` },
});
await OpenFeature.setProviderAndWait(provider);
const client = OpenFeature.getClient('vexil-e2e');

const summarise = (details) => ({
  value: details.value,
  reason: details.reason ?? null,
  variant: details.variant ?? null,
  errorCode: details.errorCode ?? null,
  flagMetadata: details.flagMetadata ?? {},
});

const split = [];
for (const key of env('VEXIL_KEYS').split(',')) {
  split.push({ key, ...summarise(await client.getBooleanDetails(env('VEXIL_SPLIT_FLAG'), false, { targetingKey: key })) });
}

const result = {
  split,
  unknown: summarise(await client.getBooleanDetails('vexil_e2e_no_such_flag', true, { targetingKey: 'User:1' })),
  mismatch: summarise(await client.getStringDetails(env('VEXIL_SPLIT_FLAG'), 'fallback', { targetingKey: 'User:1' })),
  actors: summarise(await client.getBooleanDetails(env('VEXIL_ACTOR_FLAG'), false, { targetingKey: 'User:1', actors: [env('VEXIL_ACTOR')] })),
  withoutActors: summarise(await client.getBooleanDetails(env('VEXIL_ACTOR_FLAG'), false, { targetingKey: 'User:1' })),
  defined: summarise(await client.getBooleanDetails(env('VEXIL_DEFINED_FLAG'), true, { targetingKey: 'User:1' })),
};

await OpenFeature.close();
process.stdout.write(JSON.stringify(result));
