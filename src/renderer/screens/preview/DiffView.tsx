import { Text } from '@mantine/core';
import { useMemo } from 'react';
import { tokenize, type CodeLanguage } from '../../lib/highlight';
import { t } from '../../i18n';
import '../../styles/migration.css';

/** The code language of a node type, for colouring (DI jobs are JSON, the rest by engine). */
export function languageOf(nodeType: string | null): CodeLanguage {
  const type = (nodeType ?? '').toUpperCase();
  if (type === 'DI') return 'json';
  if (type.includes('SQL') || type.includes('HIVE')) return 'sql';
  if (type.includes('SHELL')) return 'shell';
  if (type.includes('PY')) return 'python';
  return 'plain';
}

type LineKind = 'added' | 'removed' | 'hunk' | 'meta' | 'context';

function kindOf(line: string): LineKind {
  if (line.startsWith('+++') || line.startsWith('---')) return 'meta';
  if (line.startsWith('@@')) return 'hunk';
  if (line.startsWith('+')) return 'added';
  if (line.startsWith('-')) return 'removed';
  return 'context';
}

/**
 * A unified diff, one row per line: added lines in <ins>, removed in <del> (announced as such, and marked with a
 * visible +/- so colour is never the only signal), the code coloured by the shared tokenizer.
 */
export function DiffView({ text, language, label }: { text: string; language: CodeLanguage; label: string }) {
  const lines = useMemo(() => text.replace(/\n$/, '').split('\n'), [text]);
  return (
    <Text component="pre" className="ferry-code ferry-diff" tabIndex={0} role="region" aria-label={label}>
      <code>
        {lines.map((line, index) => {
          const kind = kindOf(line);
          const body =
            kind === 'added' || kind === 'removed' || kind === 'context'
              ? tokenize(line.slice(1), language).map((tok, i) =>
                  tok.type === 'plain' ? (
                    tok.text
                  ) : (
                    <span key={i} className={`tok-${tok.type}`}>
                      {tok.text}
                    </span>
                  ),
                )
              : line;
          const prefix = kind === 'added' ? '+' : kind === 'removed' ? '-' : kind === 'context' ? ' ' : '';
          const content = (
            <>
              <span className="ferry-diff-sign" aria-hidden="true">
                {prefix}
              </span>
              {body}
              {'\n'}
            </>
          );
          if (kind === 'added')
            return (
              <ins key={index} className="ferry-diff-line ferry-diff-added" title={t.preview.addedLine}>
                {content}
              </ins>
            );
          if (kind === 'removed')
            return (
              <del key={index} className="ferry-diff-line ferry-diff-removed" title={t.preview.removedLine}>
                {content}
              </del>
            );
          return (
            <span key={index} className={`ferry-diff-line ferry-diff-${kind}`}>
              {content}
            </span>
          );
        })}
      </code>
    </Text>
  );
}
