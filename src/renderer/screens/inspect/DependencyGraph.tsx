import { ActionIcon, Group, SegmentedControl, Text } from '@mantine/core';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import type { ObjectGraph } from '../../../shared/model/inspection';
import { MinusIcon, PlusIcon } from '../../components/icons';
import { t } from '../../i18n';
import { edgePath, layoutGraph, nodeHeight, nodeWidth, type PlacedNode } from '../../lib/graph-layout';

const padding = 24;
const minZoom = 0.25;
const maxZoom = 4;

interface View {
  x: number;
  y: number;
  k: number;
}
const home: View = { x: 0, y: 0, k: 1 };

const clampZoom = (k: number) => Math.min(maxZoom, Math.max(minZoom, k));

function shorten(text: string, max = 24): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * The selected object's dependency neighbourhood as SVG: upstream left, the object centre, downstream right.
 * Pan by dragging or the arrow keys, zoom with the wheel, +/− (buttons or keys); 0 or "Fit" resets. Package
 * objects are buttons (click, or Tab then Enter) that navigate to that object; outputs from outside the package
 * are drawn dashed and are not clickable.
 */
export function DependencyGraph({
  graph,
  name,
  depth,
  onDepth,
  onOpen,
}: {
  graph: ObjectGraph;
  name: string;
  depth: number;
  onDepth: (depth: number) => void;
  onOpen: (id: string) => void;
}) {
  const layout = useMemo(() => layoutGraph(graph), [graph]);
  const [view, setView] = useState<View>(home);
  const svgRef = useRef<SVGSVGElement>(null);
  const drag = useRef<{ x: number; y: number; moved: boolean } | null>(null);
  const movedRef = useRef(false);

  const vb = {
    x: layout.bounds.x - padding,
    y: layout.bounds.y - padding,
    width: Math.max(layout.bounds.width + 2 * padding, 3 * nodeWidth),
    height: Math.max(layout.bounds.height + 2 * padding, 4 * nodeHeight),
  };
  // Centre the content in a view box that may be wider or taller than it.
  vb.x -= (vb.width - (layout.bounds.width + 2 * padding)) / 2;
  vb.y -= (vb.height - (layout.bounds.height + 2 * padding)) / 2;

  /** View-box units per screen pixel (the view box is scaled to fit the element). */
  const unitsPerPixel = () => {
    const el = svgRef.current;
    if (!el || !el.clientWidth || !el.clientHeight) return 1;
    return Math.max(vb.width / el.clientWidth, vb.height / el.clientHeight);
  };

  const zoomBy = (factor: number) => setView((v) => ({ ...v, k: clampZoom(v.k * factor) }));

  // The wheel listener must be non-passive to keep the page from scrolling while zooming.
  useEffect(() => {
    const el = svgRef.current;
    if (!el) return;
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      setView((v) => ({ ...v, k: clampZoom(v.k * (event.deltaY < 0 ? 1.15 : 1 / 1.15)) }));
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, []);

  const onPointerDown = (event: PointerEvent<SVGSVGElement>) => {
    if (event.button !== 0) return;
    drag.current = { x: event.clientX, y: event.clientY, moved: false };
    movedRef.current = false;
  };
  const onPointerMove = (event: PointerEvent<SVGSVGElement>) => {
    const d = drag.current;
    if (!d) return;
    const dx = event.clientX - d.x;
    const dy = event.clientY - d.y;
    if (!d.moved && Math.hypot(dx, dy) < 3) return;
    if (!d.moved) {
      d.moved = true;
      movedRef.current = true;
      event.currentTarget.setPointerCapture?.(event.pointerId);
    }
    const u = unitsPerPixel();
    setView((v) => ({ ...v, x: v.x + dx * u, y: v.y + dy * u }));
    d.x = event.clientX;
    d.y = event.clientY;
  };
  const onPointerUp = () => {
    drag.current = null;
  };

  const onKeyDown = (event: KeyboardEvent<SVGSVGElement>) => {
    const step = 40;
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [step, 0],
      ArrowRight: [-step, 0],
      ArrowUp: [0, step],
      ArrowDown: [0, -step],
    };
    if (moves[event.key]) {
      const [dx, dy] = moves[event.key];
      setView((v) => ({ ...v, x: v.x + dx, y: v.y + dy }));
    } else if (event.key === '+' || event.key === '=') zoomBy(1.25);
    else if (event.key === '-') zoomBy(1 / 1.25);
    else if (event.key === '0') setView(home);
    else return;
    event.preventDefault();
  };

  const open = (p: PlacedNode) => {
    if (movedRef.current) return; // the end of a drag is not a click
    if (p.node.kind !== 'external' && p.relation !== 'centre') onOpen(p.node.id);
  };

  // Zoom around the middle of the view box.
  const cx = vb.x + vb.width / 2;
  const cy = vb.y + vb.height / 2;
  const transform = `translate(${view.x + cx - view.k * cx} ${view.y + cy - view.k * cy}) scale(${view.k})`;

  return (
    <div>
      <Group justify="space-between" mb={6} wrap="nowrap">
        <Group gap={6} wrap="nowrap">
          <Text size="xs" fw={500} id="graph-depth">
            {t.graph.depthLabel}
          </Text>
          <SegmentedControl
            aria-labelledby="graph-depth"
            size="xs"
            value={String(depth)}
            onChange={(v) => onDepth(Number(v))}
            data={['1', '2', '3']}
          />
        </Group>
        <Group gap={4} wrap="nowrap">
          <ActionIcon
            variant="default"
            aria-label={t.graph.zoomOut}
            title={t.graph.zoomOut}
            onClick={() => zoomBy(1 / 1.25)}
          >
            <MinusIcon />
          </ActionIcon>
          <ActionIcon
            variant="default"
            aria-label={t.graph.zoomIn}
            title={t.graph.zoomIn}
            onClick={() => zoomBy(1.25)}
          >
            <PlusIcon />
          </ActionIcon>
          <ActionIcon
            variant="default"
            aria-label={t.graph.reset}
            title={t.graph.reset}
            onClick={() => setView(home)}
            w="auto"
            px={8}
          >
            <Text size="xs">{t.graph.reset}</Text>
          </ActionIcon>
        </Group>
      </Group>
      <svg
        ref={svgRef}
        className="ferry-graph"
        // As tall as the picture needs (within limits), so a wide, shallow neighbourhood is not a thin strip.
        style={{ aspectRatio: `${vb.width} / ${vb.height}` }}
        viewBox={`${vb.x} ${vb.y} ${vb.width} ${vb.height}`}
        preserveAspectRatio="xMidYMid meet"
        role="group"
        aria-label={t.graph.label(name)}
        tabIndex={0}
        onKeyDown={onKeyDown}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
      >
        <defs>
          <marker
            id="ferry-arrow"
            viewBox="0 0 10 10"
            refX="9"
            refY="5"
            markerWidth="7"
            markerHeight="7"
            orient="auto"
          >
            <path d="M0,0 L10,5 L0,10 z" className="ferry-graph-arrow" />
          </marker>
        </defs>
        <g transform={transform}>
          {layout.edges.map((e, i) => (
            <path
              key={i}
              d={edgePath(e.from, e.to)}
              className="ferry-graph-edge"
              markerEnd="url(#ferry-arrow)"
            />
          ))}
          {layout.nodes.map((p) => {
            const clickable = p.node.kind !== 'external' && p.relation !== 'centre';
            const kind = p.node.kind === 'external' ? t.graph.external : (p.node.type ?? p.node.kind);
            const label = t.graph.nodeLabel(p.node.name, kind, t.graph.relation[p.relation]);
            return (
              <g
                key={p.node.id}
                className="ferry-graph-node"
                data-relation={p.relation}
                data-kind={p.node.kind}
                data-clickable={clickable}
                transform={`translate(${p.x - nodeWidth / 2} ${p.y - nodeHeight / 2})`}
                role={clickable ? 'button' : 'img'}
                tabIndex={clickable ? 0 : undefined}
                aria-label={label}
                onClick={() => open(p)}
                onKeyDown={(event) => {
                  if (clickable && (event.key === 'Enter' || event.key === ' ')) {
                    event.preventDefault();
                    event.stopPropagation();
                    onOpen(p.node.id);
                  }
                }}
              >
                <title>{label}</title>
                <rect width={nodeWidth} height={nodeHeight} rx={6} />
                <text x={10} y={17}>
                  {shorten(p.node.name)}
                </text>
                <text x={10} y={32} className="ferry-graph-sub">
                  {shorten(kind, 28)}
                </text>
              </g>
            );
          })}
        </g>
      </svg>
      <Text size="xs" c="dimmed" mt={4}>
        {graph.truncated ? `${t.graph.truncated} ` : ''}
        {layout.nodes.length <= 1 ? t.graph.alone : t.graph.hint}
      </Text>
    </div>
  );
}
