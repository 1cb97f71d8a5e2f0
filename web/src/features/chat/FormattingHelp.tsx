/**
 * What one may type to format a message (messageFormat.ts), folded away under the box to write
 * in: a native disclosure, so it opens with Enter or Space and screen readers say whether it is
 * expanded, and it adds nothing to what is read with the box itself.
 */
export function FormattingHelp() {
  return (
    <details className="chat__formatting">
      <summary>Formatting</summary>
      <ul>
        <li>
          <code>**bold**</code> for <strong>bold</strong>
        </li>
        <li>
          <code>_italic_</code> or <code>*italic*</code> for <em>italic</em>
        </li>
        <li>
          <code>~~struck out~~</code> for <s>struck out</s>
        </li>
        <li>
          <code>`code`</code> for <code>code</code>, and <code>```</code> on lines of their own around several lines
          of code
        </li>
        <li>
          <code>&gt; </code> at the start of a line for a quote
        </li>
        <li>
          <code>- </code> or <code>1. </code> at the start of a line for a list
        </li>
        <li>Web addresses become links. A link always shows its address, so everyone can see where it goes.</li>
      </ul>
    </details>
  );
}
