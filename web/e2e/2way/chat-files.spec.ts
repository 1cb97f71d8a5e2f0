import type { Page, Response } from '@playwright/test';
import { log, openRoom, pageOf } from '../support/chat';
import { demo, expect, expectNoSeriousA11yViolations, presetSettings, test } from '../support/fixtures';

// Avery shares an image and a PDF in the group's room; Dr. Priya Shah, who leads the group, sees
// the image and downloads the PDF. Then Avery tries a page of HTML dressed as a PNG, which the
// server reads for what it is (docs/api.md, "Chat files") and refuses.
test.use({
  account: demo.participant,
  // The refused upload: Chromium logs every non-2xx fetch as a console error.
  allowedConsoleErrors: [/status of 422/],
});

/** A 1×1 transparent PNG: signature, IHDR, one IDAT row, IEND (each chunk's CRC included). */
const onePixelPng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/** A one-page PDF with a correct cross-reference table, the smallest a reader opens. */
function minimalPdf(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 72 72] >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(body.length);
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** Chooses files through the "Attach file" button and the browser's file chooser, as a person does. */
async function attach(page: Page, files: { name: string; mimeType: string; buffer: Buffer }[]): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Attach file' }).click();
  await (await chooser).setFiles(files);
}

const isUpload = (response: Response) => response.request().method() === 'POST' && /\/api\/v1\/chat\/rooms\/[^/]+\/files$/.test(response.url());

test('an image and a PDF go to the room; HTML dressed as a PNG is refused and nothing is sent', async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(90_000);
  const stamp = Date.now().toString(36);
  const imageName = `dot-${stamp}.png`;
  const pdfName = `plan-${stamp}.pdf`;
  const sent: unknown[] = [];
  page.on('websocket', (socket) => {
    socket.on('framesent', (frame) => {
      const data = typeof frame.payload === 'string' ? (JSON.parse(frame.payload) as { type?: string }) : {};
      if (data.type === 'message.send') sent.push(data);
    });
  });

  const priya = await pageOf(browser, baseURL, demo.clinician);
  // Avery reads with high contrast and larger text (axe checks the chips and files there too);
  // Priya with the defaults.
  await presetSettings(page, { textSizePercent: 150, highContrast: true });
  await openRoom(page);
  await openRoom(priya);

  // Avery attaches both; each is stored before Send may go.
  const uploads: Response[] = [];
  const collect = (response: Response) => {
    if (isUpload(response)) uploads.push(response);
  };
  page.on('response', collect);
  await attach(page, [
    { name: imageName, mimeType: 'image/png', buffer: onePixelPng },
    { name: pdfName, mimeType: 'application/pdf', buffer: minimalPdf() },
  ]);
  const chips = page.getByRole('list', { name: 'Files to send' });
  await expect(chips.getByRole('listitem').filter({ hasText: imageName })).toContainText(
    `PNG image, ${String(onePixelPng.length)} bytes · Attached`,
  );
  await expect(chips.getByRole('listitem').filter({ hasText: pdfName })).toContainText(/PDF, \d+ bytes · Attached/);
  page.off('response', collect);
  expect(uploads.map((response) => response.status())).toEqual([201, 201]);
  await expect(page.getByRole('button', { name: 'Send' })).toBeEnabled();

  // Files alone make a message: no text needed.
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(chips).toHaveCount(0);
  // (The message's item, not the item of its list of files, which holds the image too.)
  const mine = log(page).getByRole('listitem').filter({ hasText: 'Avery M.', has: page.getByRole('img', { name: imageName }) });
  await expect(mine).toBeVisible();
  await expect(mine.getByRole('link', { name: new RegExp(pdfName) })).toBeVisible();
  await expect(mine).not.toContainText('Sending…');
  expect(sent).toHaveLength(1);
  expect(sent[0]).toMatchObject({ text: '', file_ids: [expect.any(String), expect.any(String)] });

  // Priya hears of it politely, by the files' names, and sees the image itself, not a broken one.
  await expect(priya.locator('[aria-live="polite"]').filter({ hasText: `Avery M.: sent ${imageName} and ${pdfName}` })).toHaveCount(1);
  const image = log(priya).getByRole('img', { name: imageName });
  await expect(image).toBeVisible();
  await image.scrollIntoViewIfNeeded();
  await expect
    .poll(() => image.evaluate((element) => (element as HTMLImageElement).complete && (element as HTMLImageElement).naturalWidth))
    .toBe(1);

  // The PDF is offered as a download, and the server serves it as one.
  const pdfLink = log(priya).getByRole('link', { name: `${pdfName} PDF, ${String(minimalPdf().length)} bytes` });
  await expect(pdfLink).toBeVisible();
  const href = await pdfLink.getAttribute('href');
  expect(href).toMatch(/^\/api\/v1\/chat\/files\/[^/]+$/);
  expect(href).not.toContain(stamp);
  const served = await priya.request.get(href ?? '');
  expect(served.status()).toBe(200);
  expect(served.headers()['content-type']).toBe('application/pdf');
  expect(served.headers()['content-disposition']).toMatch(/^attachment/);
  expect(served.headers()['x-content-type-options']).toBe('nosniff');
  const download = priya.waitForEvent('download');
  await pdfLink.click();
  expect((await download).suggestedFilename()).toBe(pdfName);

  await expectNoSeriousA11yViolations(priya, 'a chat room with an image and a PDF');

  // A page of HTML named like a PNG: the server reads the bytes and refuses it.
  const refusal = page.waitForResponse(isUpload);
  await attach(page, [{ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('<html><script>alert(1)</script></html>') }]);
  const refused = await refusal;
  expect(refused.status()).toBe(422);
  expect(await refused.json()).toMatchObject({ error: { code: 'invalid_argument', field: 'content' } });
  const failed = chips.getByRole('listitem').filter({ hasText: 'notes.png' });
  await expect(failed).toContainText('Not attached');
  const said = ((await refused.json()) as { error: { message: string } }).error.message;
  // The server's own words, as a sentence.
  const words = said.replace(/\.$/, '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  await expect(failed).toContainText(new RegExp(words, 'i'));
  await expect(page.getByRole('status').filter({ hasText: 'notes.png could not be attached.' })).toHaveCount(1);

  await expectNoSeriousA11yViolations(page, 'the composer with a refused file, in high contrast');

  // Nothing goes: the refused file is no message, and removing it leaves the composer empty.
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByText('Write something first.')).toBeVisible();
  await failed.getByRole('button', { name: 'Remove notes.png' }).click();
  await expect(chips).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Attach file' })).toBeFocused();
  expect(sent).toHaveLength(1);
  await expect(log(priya).getByRole('img', { name: 'notes.png' })).toHaveCount(0);
  await priya.context().close();
});
