import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { RealtimeError, type ServerFrame } from '../../base/realtime/connection';
import { mayReport, ReportMessageAction, type RealtimeRequest } from './ReportMessageAction';

/** A request function answering with `answer` (an ack's fields, or a refusal), recording each call. */
function fakeRequest(answer: Record<string, unknown> | RealtimeError) {
  return vi.fn<RealtimeRequest>(() =>
    answer instanceof RealtimeError ? Promise.reject(answer) : Promise.resolve({ type: 'ack', id: 1, ...answer } as ServerFrame),
  );
}

const ackOf = (created: boolean) => ({
  report: { id: 'cr_1', message_id: 'm7', reason: 'triggering', created_at: new Date().toISOString() },
  created,
});

function renderAction(request: RealtimeRequest) {
  render(
    <>
      <p id="text-m7">the words</p>
      <ReportMessageAction roomId="room_g" messageId="m7" authorName="Blake T." request={request} describedBy="text-m7" />
    </>,
  );
  return screen.getByRole('button', { name: 'Report the message from Blake T.' });
}

describe('ReportMessageAction', () => {
  it('asks why, then sends the report with a trimmed note and thanks the reporter', async () => {
    const user = userEvent.setup();
    const request = fakeRequest(ackOf(true));
    const button = renderAction(request);
    expect(button).toHaveAccessibleDescription('the words');
    await user.click(button);
    const dialog = screen.getByRole('dialog', { name: 'Report the message from Blake T.' });
    expect(dialog).toHaveAccessibleDescription(/clinicians of this program only/);
    expect(within(dialog).getByRole('radio', { name: 'Worried about the person who wrote it' })).toHaveFocus();

    await user.click(within(dialog).getByRole('button', { name: 'Send report' }));
    expect(within(dialog).getByRole('group', { name: 'Why are you reporting it?' })).toHaveTextContent(
      'Choose why you are reporting it.',
    );
    expect(request).not.toHaveBeenCalled();

    await user.click(within(dialog).getByRole('radio', { name: /^Could be upsetting for others/ }));
    const note = within(dialog).getByRole('textbox', { name: /Anything the care team should know/ });
    await user.type(note, '  graphic detail  ');
    expect(note).toHaveAccessibleDescription(/18 of 500 characters/);
    await user.click(within(dialog).getByRole('button', { name: 'Send report' }));

    expect(request).toHaveBeenCalledWith('message.report', {
      room_id: 'room_g',
      message_id: 'm7',
      reason: 'triggering',
      note: 'graphic detail',
    });
    expect(await within(dialog).findByRole('status')).toHaveTextContent('Thanks — the care team will look at it.');
    const close = within(dialog).getByRole('button', { name: 'Close' });
    expect(close).toHaveFocus();
    await user.click(close);
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(button).toHaveFocus();
  });

  it('sends no note when none was written, and says so when the message was reported already', async () => {
    const user = userEvent.setup();
    const request = fakeRequest(ackOf(false));
    await user.click(renderAction(request));
    const dialog = screen.getByRole('dialog');
    await user.click(within(dialog).getByRole('radio', { name: 'Spam' }));
    await user.click(within(dialog).getByRole('button', { name: 'Send report' }));
    expect(request).toHaveBeenCalledWith('message.report', { room_id: 'room_g', message_id: 'm7', reason: 'spam' });
    expect(await within(dialog).findByRole('status')).toHaveTextContent('You reported this message already.');
  });

  it('refuses a note over 500 characters before sending', async () => {
    const user = userEvent.setup();
    const request = fakeRequest(ackOf(true));
    await user.click(renderAction(request));
    const dialog = screen.getByRole('dialog');
    await user.click(within(dialog).getByRole('radio', { name: 'Disrespectful' }));
    const note = within(dialog).getByRole('textbox', { name: /Anything the care team should know/ });
    await user.click(note);
    await user.paste('x'.repeat(501));
    await user.click(within(dialog).getByRole('button', { name: 'Send report' }));
    expect(note).toHaveAttribute('aria-invalid', 'true');
    expect(note).toHaveAccessibleDescription(/A note can be at most 500 characters; this one has 501\./);
    expect(note).toHaveFocus();
    expect(request).not.toHaveBeenCalled();
  });

  it('shows a refusal in an alert and keeps the form', async () => {
    const user = userEvent.setup();
    const request = fakeRequest(new RealtimeError('rate_limited', 'slow down', undefined, 3000));
    await user.click(renderAction(request));
    const dialog = screen.getByRole('dialog');
    await user.click(within(dialog).getByRole('radio', { name: 'Another reason' }));
    await user.click(within(dialog).getByRole('button', { name: 'Send report' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('The report was not sent.');
    expect(alert).toHaveTextContent('Wait 3 seconds and try again.');
    expect(alert).toHaveFocus();
    expect(within(dialog).getByRole('button', { name: 'Send report' })).toBeInTheDocument();
  });

  it('closes on Cancel without sending', async () => {
    const user = userEvent.setup();
    const request = fakeRequest(ackOf(true));
    const button = renderAction(request);
    await user.click(button);
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(button).toHaveFocus();
    expect(request).not.toHaveBeenCalled();
  });

  it('is offered for someone else’s message that shows, only', () => {
    const shown = { authorId: 'u-blake', deleted: false, hiddenReason: null };
    expect(mayReport(shown, 'u-avery')).toBe(true);
    expect(mayReport(shown, 'u-blake')).toBe(false);
    expect(mayReport({ ...shown, deleted: true }, 'u-avery')).toBe(false);
    expect(mayReport({ ...shown, hiddenReason: 'spam' }, 'u-avery')).toBe(false);
  });
});
