import { App, LogLevel } from '@slack/bolt';

/**
 * The baseline for `chat_ack`: a bare Bolt app on its own HTTPReceiver (signature checked by Bolt)
 * acknowledging the same signed `/cymorth` slash command with an empty answer. No database, no
 * command, no Hono: the floor our route is measured against.
 */
const app = new App({
  signingSecret: process.env.SLACK_SIGNING_SECRET as string,
  authorize: async () => ({ botToken: 'xoxb-bench' }),
  logLevel: LogLevel.ERROR,
  ignoreSelf: false,
  customRoutes: [
    {
      path: '/healthz',
      method: ['GET'],
      handler: (_req, res) => {
        res.writeHead(200);
        res.end('ok');
      },
    },
  ],
});
app.command('/cymorth', async ({ ack }) => {
  await ack();
});
await app.start(Number(process.env.PORT));
process.on('SIGTERM', () => void app.stop().then(() => process.exit(0)));
