import type { FC } from 'hono/jsx';
import type { WebState } from '../env.js';
import { Layout } from '../kit.js';

/** A page that only says something: a spent link, a refused form, a page that does not exist. */
export const MessagePage: FC<{
  web: WebState;
  title: string;
  text: string;
  link?: { href: string; text: string };
}> = ({ web, title, text, link }) => (
  <Layout web={web} title={title}>
    <h1>{title}</h1>
    <p>{text}</p>
    {link ? (
      <p>
        <a href={link.href}>{link.text}</a>
      </p>
    ) : null}
  </Layout>
);
