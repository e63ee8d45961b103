import { Text } from '@mantine/core';
import { useMemo } from 'react';
import { tokenize, type CodeLanguage } from '../lib/highlight';

/** Beyond this, colouring costs more than it helps: show the text plain. */
const highlightLimit = 200_000;

/**
 * Read-only code with syntax colours. The tokenizer only splits text; each piece is a React text child of a
 * <span>, so the code can never become markup. Focusable so keyboard users can scroll it.
 */
export function CodeView({ code, language, label }: { code: string; language: CodeLanguage; label: string }) {
  const tokens = useMemo(
    () =>
      code.length > highlightLimit ? [{ type: 'plain' as const, text: code }] : tokenize(code, language),
    [code, language],
  );
  return (
    <Text
      component="pre"
      className="ferry-code"
      tabIndex={0}
      role="region"
      aria-label={label}
      data-language={language}
    >
      <code>
        {tokens.map((token, index) =>
          token.type === 'plain' ? (
            token.text
          ) : (
            <span key={index} className={`tok-${token.type}`}>
              {token.text}
            </span>
          ),
        )}
      </code>
    </Text>
  );
}
