import { useRef } from 'react';
import { acceptAttribute } from './fileUpload';

/**
 * "Attach file": a real button (in the tab order, named by its text) that opens the browser's
 * file picker of a file input kept out of sight, so that the control looks and behaves like the
 * composer's other buttons. While the person may not post (muted) it stays focusable and says so
 * through `describedBy`, as the Send button does.
 */
export function AttachButton({
  onFiles,
  disabled = false,
  describedBy,
}: {
  onFiles: (files: File[]) => void;
  disabled?: boolean;
  describedBy?: string | undefined;
}) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button
        type="button"
        className="button button--quiet"
        data-attach-button=""
        aria-disabled={disabled || undefined}
        aria-describedby={describedBy}
        onClick={() => {
          if (!disabled) input.current?.click();
        }}
      >
        Attach file
      </button>
      <input
        ref={input}
        type="file"
        hidden
        multiple
        accept={acceptAttribute}
        onChange={(event) => {
          const files = event.target.files ? [...event.target.files] : [];
          // Emptied, so that choosing the same file again (after removing it) is heard.
          event.target.value = '';
          if (files.length > 0) onFiles(files);
        }}
      />
    </>
  );
}
