import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { fitLabel, linkEnds, wedgePath } from '../network/layout';
import { FOOTPRINT, LABEL_LENGTH, layoutMap, NODE_RADIUS, wrapLabel, type PlacedPartner } from './layout';
import { EDGE_WEIGHTS, groupId, LINE_WIDTH, type MapNode, type NetworkMapView } from './model';
import './networkmap.css';

// Ids inside the drawing: one map per page, and nothing personal in them.
const TITLE_ID = 'partner-map-title';
const DESC_ID = 'partner-map-desc';
const LABEL_PATH_ID = 'partner-map-sector';
/** How many partners the description names as those with the most referrals. */
const STRONGEST = 3;
const CENTRE_LINE_HEIGHT = 13;

interface PartnerMapProps {
  view: NetworkMapView;
  organisationName: string;
  /** The name of a group (a type's label, a district or "without district"). */
  groupLabel: (key: string | null) => string;
  /** A partner's agreement in words ("Kooperationsvereinbarung (schriftlich)"), for tooltips. */
  agreementText: (node: MapNode) => string;
}

/**
 * The organisation's network map: the organisation in the centre, a sector per group, the partners of a group
 * in its sector; the line to a partner is thicker with more referrals, solid with an agreement in force and
 * dashed without; a double border marks partners of the shared directory. The drawing is one image for
 * assistive technology, with a summary as its description; the partners are links laid over it (to the
 * partner's page), reachable by keyboard. The table below the map is the full alternative.
 */
export function PartnerMap({ view, organisationName, groupLabel, agreementText }: PartnerMapProps) {
  const { t } = useTranslation();
  const layout = useMemo(
    () => layoutMap(view.groups.map((g) => ({ id: groupId(g), partnerIds: g.partnerIds }))),
    [view.groups],
  );
  const byId = new Map(view.nodes.map((n) => [n.id, n]));
  const keyOf = new Map(view.groups.map((g) => [groupId(g), g.key]));
  const half = layout.size / 2;
  const centreLines = wrapLabel(organisationName, 12, 3);
  const nodeName = (node: MapNode) =>
    t('networkMap.map.node', { name: node.name, referrals: node.referrals, agreement: agreementText(node) });
  const placed = layout.nodes.flatMap((p) => {
    const node = byId.get(p.id);
    return node ? [{ p, node }] : [];
  });

  return (
    <div className="partner-map">
      <div className="partner-map__frame">
        {/* Not an image itself: the drawing inside is one, the links beside it are links. */}
        <svg
          role="none"
          className="partner-map__svg"
          viewBox={`${-half} ${-half} ${layout.size} ${layout.size}`}
          width={layout.size}
          height={layout.size}
          style={{ maxWidth: `${layout.size}px` }}
        >
          <g role="img" aria-labelledby={TITLE_ID} aria-describedby={DESC_ID}>
            <title id={TITLE_ID}>{t('networkMap.map.title', { name: organisationName })}</title>
            <desc id={DESC_ID}>
              <MapDescription view={view} organisationName={organisationName} groupLabel={groupLabel} />
            </desc>
            <g className="partner-map__sectors">
              {layout.sectors.length === 1 ? (
                <circle r={layout.outer} className="partner-map__sector" />
              ) : (
                layout.sectors.map((sector, i) => (
                  <path
                    key={sector.group}
                    d={wedgePath(sector.start, sector.end, layout.outer)}
                    className={
                      i % 2 === 0 ? 'partner-map__sector' : 'partner-map__sector partner-map__sector--alt'
                    }
                  />
                ))
              )}
            </g>
            <g className="partner-map__sector-labels">
              {layout.sectors.map((sector, i) => {
                const key = keyOf.get(sector.group) ?? null;
                // The count stays whole; the name gives way when the arc is short.
                const count = ` (${view.groups[i]?.partners ?? 0})`;
                const room = sector.labelLength - count.length;
                return room < 3 ? null : (
                  <g key={sector.group}>
                    <path id={`${LABEL_PATH_ID}-${i}`} d={sector.labelPath} fill="none" />
                    <text className="partner-map__sector-label">
                      <textPath href={`#${LABEL_PATH_ID}-${i}`} startOffset="50%" textAnchor="middle">
                        {fitLabel(groupLabel(key), room)}
                        {count}
                      </textPath>
                    </text>
                  </g>
                );
              })}
            </g>
            <g className="partner-map__lines">
              {placed.map(({ p, node }) => (
                <Line key={p.id} placed={p} node={node} centreRadius={layout.centreRadius} />
              ))}
            </g>
            <g className="partner-map__centre">
              <circle r={layout.centreRadius} className="partner-map__centre-circle" />
              <text className="partner-map__centre-name" textAnchor="middle" dominantBaseline="central">
                {centreLines.map((line, i) => (
                  <tspan key={i} x={0} y={(i - (centreLines.length - 1) / 2) * CENTRE_LINE_HEIGHT}>
                    {line}
                  </tspan>
                ))}
              </text>
            </g>
            <g className="partner-map__nodes">
              {placed.map(({ p, node }) => (
                <Node key={p.id} placed={p} node={node} />
              ))}
            </g>
          </g>
          <g className="partner-map__links">
            {placed.map(({ p, node }) => (
              <g key={p.id} transform={`translate(${p.x} ${p.y})`}>
                <Link
                  to={`/network/partners/${node.id}`}
                  className="partner-map__link"
                  aria-label={nodeName(node)}
                >
                  {/* The tooltip for mouse users: the drawing shortens long names. */}
                  <title>{nodeName(node)}</title>
                  <rect
                    className="partner-map__hit"
                    x={-FOOTPRINT.width / 2}
                    y={-FOOTPRINT.above}
                    width={FOOTPRINT.width}
                    height={FOOTPRINT.above + FOOTPRINT.below}
                    rx={4}
                  />
                </Link>
              </g>
            ))}
          </g>
        </svg>
      </div>
      <Legend />
    </div>
  );
}

/** The drawing in words: the centre, each group with its totals, the strongest ties, missing agreements. */
function MapDescription({
  view,
  organisationName,
  groupLabel,
}: Pick<PartnerMapProps, 'view' | 'organisationName' | 'groupLabel'>) {
  const { t } = useTranslation();
  const strongest = [...view.nodes]
    .filter((n) => n.referrals > 0)
    .sort((a, b) => b.referrals - a.referrals)
    .slice(0, STRONGEST);
  const sentences = [
    t('networkMap.map.intro', {
      name: organisationName,
      count: view.nodes.length,
      groupBy: t(`networkMap.filters.${view.groupBy}`),
    }),
    ...view.groups.map((g) =>
      t('networkMap.map.group', {
        group: groupLabel(g.key),
        partners: g.partners,
        referrals: g.referrals,
        withAgreement: g.withAgreement,
      }),
    ),
    strongest.length > 0
      ? t('networkMap.map.strongest', {
          list: strongest
            .map((n) => t('networkMap.map.strongestItem', { name: n.name, count: n.referrals }))
            .join(', '),
        })
      : null,
    view.missingAgreements.length > 0
      ? t('networkMap.map.missing', { count: view.missingAgreements.length })
      : null,
    t('networkMap.map.seeTable'),
  ];
  return <>{sentences.filter(Boolean).join(' ')}</>;
}

function Line({
  placed,
  node,
  centreRadius,
}: {
  placed: PlacedPartner;
  node: MapNode;
  centreRadius: number;
}) {
  const { from, to } = linkEnds(placed, centreRadius, NODE_RADIUS + (node.shared ? 3 : 0));
  const className = node.agreement
    ? 'partner-map__line'
    : 'partner-map__line partner-map__line--without-agreement';
  return (
    <line
      x1={from.x}
      y1={from.y}
      x2={to.x}
      y2={to.y}
      className={className}
      strokeWidth={LINE_WIDTH[node.weight]}
    />
  );
}

function Node({ placed, node }: { placed: PlacedPartner; node: MapNode }) {
  const className = node.archived ? 'partner-map__node partner-map__node--archived' : 'partner-map__node';
  return (
    <g className={className} transform={`translate(${placed.x} ${placed.y})`}>
      {node.shared ? <circle r={NODE_RADIUS + 3} className="partner-map__node-shape" /> : null}
      <circle r={NODE_RADIUS} className="partner-map__node-shape" />
      <text className="partner-map__count" textAnchor="middle" dominantBaseline="central">
        {node.referrals}
      </text>
      <text
        className="partner-map__name"
        y={NODE_RADIUS + (node.shared ? 6 : 3)}
        textAnchor="middle"
        dominantBaseline="hanging"
      >
        {fitLabel(node.name, LABEL_LENGTH)}
      </text>
    </g>
  );
}

/** The key, as HTML below the drawing: readable by everyone, and printed with it. */
function Legend() {
  const { t } = useTranslation();
  const sample = (content: ReactNode) => (
    <svg className="partner-legend__sample" viewBox="0 0 40 20" width="40" height="20" aria-hidden="true">
      {content}
    </svg>
  );
  const line = (width: number, className = 'partner-map__line') => (
    <line x1={2} y1={10} x2={38} y2={10} className={className} strokeWidth={width} />
  );
  return (
    <div className="partner-legend">
      <h3 className="partner-legend__heading">{t('networkMap.legend.heading')}</h3>
      <ul className="partner-legend__list">
        {EDGE_WEIGHTS.map((weight) => (
          <li key={weight}>
            {sample(line(LINE_WIDTH[weight]))}
            {t(`networkMap.legend.${weight}`)}
          </li>
        ))}
        <li>
          {sample(line(LINE_WIDTH.regular))}
          {t('networkMap.legend.agreement')}
        </li>
        <li>
          {sample(line(LINE_WIDTH.regular, 'partner-map__line partner-map__line--without-agreement'))}
          {t('networkMap.legend.noAgreement')}
        </li>
        <li>
          {sample(
            <g className="partner-map__node">
              <circle cx={20} cy={10} r={7} className="partner-map__node-shape" />
            </g>,
          )}
          {t('networkMap.legend.own')}
        </li>
        <li>
          {sample(
            <g className="partner-map__node">
              <circle cx={20} cy={10} r={9} className="partner-map__node-shape" />
              <circle cx={20} cy={10} r={6} className="partner-map__node-shape" />
            </g>,
          )}
          {t('networkMap.legend.shared')}
        </li>
      </ul>
      <p className="partner-legend__count">{t('networkMap.legend.count')}</p>
    </div>
  );
}
