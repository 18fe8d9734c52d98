export interface DemoToken {
  what: string;
  email: string;
  token: string;
}

/** What a fresh demo start prints: each demo account's token (shown once) and requests to try with them. */
export function demoBanner(base: string, tokens: DemoToken[], notes: string[] = []): string {
  const [support, , , eoCy] = tokens;
  const lines = [
    '',
    'cymorth demo data is ready. Demo tokens (shown once):',
    ...tokens.map((t) => `  ${t.what.padEnd(42)} ${t.email.padEnd(36)} ${t.token}`),
    '',
    'Try:',
    `  curl -s -H "Authorization: Bearer ${support?.token}" ${base}/api/v1/centres/68123`,
    `  curl -s -H "Authorization: Bearer ${support?.token}" "${base}/api/v1/centres?q=gwyr"`,
    `  curl -s -H "Authorization: Bearer ${eoCy?.token}" ${base}/api/v1/me`,
    `  curl -s -H "Authorization: Bearer ${eoCy?.token}" ${base}/api/v1/centres/68123/users`,
    `  curl -s -H "Authorization: Bearer ${support?.token}" ${base}/api/v1/requests`,
    `  curl -s -H "Authorization: Bearer ${eoCy?.token}" -H "Content-Type: application/json" -X PATCH -d '{"ukprn":"123"}' ${base}/api/v1/centres/68123`,
    '',
    `API docs: ${base}/docs   OpenAPI: ${base}/api/v1/openapi.json`,
    ...notes,
    '',
  ];
  return `${lines.join('\n')}\n`;
}
