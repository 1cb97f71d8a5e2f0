import { describe, expect, it } from 'vitest';
import { arrivalAnnouncement, notificationsLabel } from './notifications';

describe('notification wording', () => {
  it('names the button with the unread count', () => {
    expect(notificationsLabel(3)).toBe('Notifications, 3 unread');
    expect(notificationsLabel(0)).toBe('Notifications, none unread');
    expect(notificationsLabel(null)).toBe('Notifications');
  });

  it('announces arrivals in whole sentences', () => {
    expect(arrivalAnnouncement(1)).toBe('You have 1 unread notification.');
    expect(arrivalAnnouncement(4)).toBe('You have 4 unread notifications.');
  });
});
