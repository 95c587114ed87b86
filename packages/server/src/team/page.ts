/** The console page: no inline script or style (the strict page CSP applies), the console bundle beside voc.js. */
export const consolePage = (): string => `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="color-scheme" content="light dark" />
    <title>VoC Kit · Team console</title>
    <script type="module" src="/console/console.js"></script>
  </head>
  <body>
    <voc-team-console></voc-team-console>
  </body>
</html>
`;
