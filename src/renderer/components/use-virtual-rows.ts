import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';

/** happy-dom and the first paint have no layout yet; assume a viewport so some rows render at once. */
const initialRect = { width: 900, height: 480 };

/**
 * The virtualisation every long list here shares: only the rows in view (plus a margin) are rendered, and
 * `onRange` hears which rows are visible so the slice can fetch their pages. Spacer heights keep a real
 * <table> (or list) scrolling as if every row were there.
 */
export function useVirtualRows({
  count,
  rowHeight,
  onRange,
  resetKey,
}: {
  count: number;
  rowHeight: number;
  onRange?: (first: number, last: number) => void;
  /** When it changes (a new query), scroll back to the top. */
  resetKey?: unknown;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- read during render on purpose; no compiler memoises this component
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 15,
    initialRect,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.length ? items[items.length - 1].index : -1;

  useEffect(() => {
    if (last >= 0) onRange?.(first, last);
  }, [onRange, first, last, count, resetKey]);

  useEffect(() => {
    scrollRef.current?.scrollTo?.({ top: 0 });
  }, [resetKey]);

  const paddingTop = items.length ? items[0].start : 0;
  const paddingBottom = items.length ? virtualizer.getTotalSize() - items[items.length - 1].end : 0;
  return { scrollRef, items, paddingTop, paddingBottom, virtualizer };
}
