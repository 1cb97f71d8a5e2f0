import { describe, expect, it } from 'vitest';
import { decodeMessage } from './chat';
import { decodeFiles, describeFile, fileUrl, formatFileSize, withFileNames } from './chatFiles';

const png = { id: 'f1', name: 'photo.png', type: 'image/png', size: 2048 };
const pdf = { id: 'f2', name: 'plan.pdf', type: 'application/pdf', size: 240 * 1024 };

describe('decodeFiles', () => {
  it('reads a message’s files, and no list as none', () => {
    expect(decodeFiles([png, pdf])).toEqual([png, pdf]);
    expect(decodeFiles(undefined)).toEqual([]);
    expect(decodeFiles('f1')).toEqual([]);
  });

  it('leaves out a malformed entry or a type chat does not take', () => {
    expect(
      decodeFiles([
        png,
        { ...png, id: '' },
        { ...png, type: 'text/html' },
        { ...png, type: 'image/svg+xml' },
        { ...png, size: -1 },
        { ...png, size: '12' },
        null,
      ]),
    ).toEqual([png]);
  });

  it('gives a message its files, and a deleted one none', () => {
    const base = { id: 'm', room_id: 'r', seq: 1, author_id: 'u', author_name: 'A', client_message_id: 'c', created_at: 't' };
    expect(decodeMessage({ ...base, text: '', files: [png] })?.files).toEqual([png]);
    expect(decodeMessage({ ...base, text: 'hi' })?.files).toEqual([]);
    expect(decodeMessage({ ...base, text: '', deleted: true, files: [png] })?.files).toEqual([]);
  });
});

describe('how files read', () => {
  it('sizes in bytes, KB and MB', () => {
    expect(formatFileSize(1)).toBe('1 byte');
    expect(formatFileSize(512)).toBe('512 bytes');
    expect(formatFileSize(1024)).toBe('1 KB');
    expect(formatFileSize(240 * 1024)).toBe('240 KB');
    expect(formatFileSize(1024 * 1024 - 1)).toBe('1023 KB');
    expect(formatFileSize(2.44 * 1024 * 1024)).toBe('2.4 MB');
    expect(formatFileSize(10 * 1024 * 1024)).toBe('10 MB');
  });

  it('names the type with the size', () => {
    expect(describeFile({ type: 'application/pdf', size: 240 * 1024 })).toBe('PDF, 240 KB');
    expect(describeFile({ type: 'image/webp', size: 300 })).toBe('WebP image, 300 bytes');
  });

  it('reads a file from an address that holds only its id', () => {
    expect(fileUrl('f1')).toBe('/api/v1/chat/files/f1');
    expect(fileUrl('a/b')).toBe('/api/v1/chat/files/a%2Fb');
  });

  it('names the files in an announcement', () => {
    expect(withFileNames('hello', [])).toBe('hello');
    expect(withFileNames('', [png as never])).toBe('sent photo.png');
    expect(withFileNames('Here', [png, pdf, { ...png, name: 'b.png' }] as never)).toBe(
      'Here (with photo.png, plan.pdf and b.png)',
    );
  });
});
