export interface DemoToken {
  what: string;
  email: string;
  token: string;
}

/** What a fresh demo start prints: each demo account's token (shown once) and requests to try with them. */
export function demoBanner(
  base: string,
  tokens: DemoToken[],
  notes: string[] = [],
  passwords: { email: string; password: string }[] = [],
): string {
  const [support, , , eoCy] = tokens;
  const lines = [
    '',
    'cymorth demo data is ready. Demo tokens (shown once):',
    ...tokens.map((t) => `  ${t.what.padEnd(42)} ${t.email.padEnd(36)} ${t.token}`),
    '',
    'Try:',
    `  curl -s -H "Authorization: Bearer ${support?.token}" ${base}/api/v1/centres/68123`,
    `  curl -s -H "Authorization: Bearer ${support?.token}" "${base}/api/v1/centres?q=gwyr"`,
    `  curl -s -H "Authorization: Bearer ${support?.token}" "${base}/api/v1/search?q=St%20Teilos"`,
    `  curl -s -H "Authorization: Bearer ${eoCy?.token}" ${base}/api/v1/me`,
    `  curl -s -H "Authorization: Bearer ${eoCy?.token}" ${base}/api/v1/centres/68123/users`,
    `  curl -s -H "Authorization: Bearer ${support?.token}" ${base}/api/v1/requests`,
    `  curl -s -H "Authorization: Bearer ${eoCy?.token}" -H "Content-Type: application/json" -X PATCH -d '{"ukprn":"123"}' ${base}/api/v1/centres/68123`,
    '',
    `API docs: ${base}/docs   OpenAPI: ${base}/api/v1/openapi.json`,
    ...(passwords.length
      ? [
          '',
          `Sign in to the pages at ${base}/sign-in (passwords shown once; the first sign-in sets up the authenticator app):`,
          ...passwords.map((p) => `  ${p.email.padEnd(36)} ${p.password}`),
        ]
      : []),
    ...notes,
    '',
  ];
  return `${lines.join('\n')}\n`;
}

export interface DemoRequestLine {
  what: string;
  reference: string | null;
  status: string | null;
}

/** The demo's requests on the verification queue, and how to look at each with the support token. */
export function demoRequestLines(base: string, supportToken: string, requests: DemoRequestLine[]): string[] {
  const found = requests.filter((r) => r.reference);
  return [
    '',
    'The verification queue has demo requests, read from mail by the real intake:',
    ...found.map((r) => `  ${r.reference}  ${(r.status ?? '').padEnd(22)} ${r.what}`),
    'Look at one (fields, where each came from, checks, the reply sent):',
    ...found.map(
      (r) => `  curl -s -H "Authorization: Bearer ${supportToken}" ${base}/api/v1/requests/${r.reference}`,
    ),
  ];
}
