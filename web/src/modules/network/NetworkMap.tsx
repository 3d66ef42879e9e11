import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../ui/format';
import {
  fitLabel,
  layoutNetwork,
  linkEnds,
  NODE_RADIUS,
  wedgePath,
  zigzag,
  type PlacedContact,
  type Point,
} from './layout';
import { closenessOf, SUPPORT_KINDS, type Closeness, type NetworkContact } from './model';
import { summariseMap } from './summary';
import './network.css';

// Ids inside the drawing: one map per page, and nothing personal in them.
const TITLE_ID = 'network-map-title';
const DESC_ID = 'network-map-desc';
const LABEL_PATH_ID = 'network-map-sector';

/** Thicker for closer, so the line says it without colour. */
const LINE_WIDTH: Record<Closeness, number> = { 1: 4.5, 2: 2.5, 3: 1.2 };

const points = (list: readonly Point[]) => list.map((p) => `${p.x},${p.y}`).join(' ');

interface NetworkMapProps {
  contacts: readonly NetworkContact[];
  /** The client's name, for the title and the description. */
  clientName: string;
  /** The client as the centre shows it, e.g. the first given name. */
  centreLabel: string;
}

/**
 * The eco-map: the client in the centre, three rings for closeness, a sector per kind of contact. The drawing
 * is one image for assistive technology, with a summary as its description; the table below is the
 * accessible alternative with every detail, and the place to act.
 */
export function NetworkMap({ contacts, clientName, centreLabel }: NetworkMapProps) {
  const { t } = useTranslation();
  const layout = useMemo(() => layoutNetwork(contacts), [contacts]);
  const byId = new Map(contacts.map((c) => [c.id, c]));
  const outer = layout.rings[layout.rings.length - 1]?.outer ?? 0;
  const half = { x: layout.width / 2, y: layout.height / 2 };

  return (
    <figure className="network-map">
      <div className="network-map__frame">
        <svg
          className="network-map__svg"
          role="img"
          aria-labelledby={TITLE_ID}
          aria-describedby={DESC_ID}
          viewBox={`${-half.x} ${-half.y} ${layout.width} ${layout.height}`}
          width={layout.width}
          height={layout.height}
          style={{ maxWidth: `${layout.width}px` }}
        >
          <title id={TITLE_ID}>{t('network.map.title', { name: clientName })}</title>
          <desc id={DESC_ID}>
            <MapDescription contacts={contacts} clientName={clientName} />
          </desc>
          <g className="network-map__sectors">
            {layout.sectors.map((sector, i) => (
              <path
                key={sector.key}
                d={wedgePath(sector.start, sector.end, outer)}
                className={
                  i % 2 === 0 ? 'network-map__sector' : 'network-map__sector network-map__sector--alt'
                }
              />
            ))}
          </g>
          <g className="network-map__rings">
            {layout.rings.map((ring) => (
              <circle key={ring.closeness} r={ring.outer} className="network-map__ring" />
            ))}
          </g>
          <g className="network-map__sector-labels">
            {layout.sectors.map((sector) => (
              <g key={sector.key}>
                <path id={`${LABEL_PATH_ID}-${sector.key}`} d={sector.labelPath} fill="none" />
                <text className="network-map__sector-label">
                  <textPath href={`#${LABEL_PATH_ID}-${sector.key}`} startOffset="50%" textAnchor="middle">
                    {t(`network.sector.${sector.key}`)}
                  </textPath>
                </text>
              </g>
            ))}
          </g>
          <g className="network-map__links">
            {layout.nodes.map((node) => {
              const contact = byId.get(node.id);
              return contact ? (
                <Link key={node.id} node={node} contact={contact} clientRadius={layout.clientRadius} />
              ) : null;
            })}
          </g>
          <g className="network-map__client">
            <circle r={layout.clientRadius} className="network-map__client-circle" />
            <text className="network-map__client-name" textAnchor="middle" dominantBaseline="central">
              {fitLabel(centreLabel, 9)}
            </text>
          </g>
          <g className="network-map__nodes">
            {layout.nodes.map((node) => {
              const contact = byId.get(node.id);
              return contact ? <Node key={node.id} node={node} contact={contact} /> : null;
            })}
          </g>
        </svg>
      </div>
      <figcaption>
        <Legend />
      </figcaption>
    </figure>
  );
}

/** The drawing in words: who is in which ring, how many strained and ended relations. */
function MapDescription({ contacts, clientName }: Omit<NetworkMapProps, 'centreLabel'>) {
  const { t } = useTranslation();
  const summary = summariseMap(contacts);
  const sentences = [
    t('network.map.intro', { name: clientName }),
    ...summary.rings.map((ring) => {
      const closeness = capitalised(t(`network.closeness.${ring.closeness}`));
      return ring.sectors.length === 0
        ? t('network.map.ringEmpty', { closeness })
        : t('network.map.ring', {
            closeness,
            list: ring.sectors
              .map((s) =>
                t('network.map.sectorCount', { sector: t(`network.sector.${s.key}`), count: s.count }),
              )
              .join(', '),
          });
    }),
    summary.strained > 0 ? t('network.map.strained', { count: summary.strained }) : null,
    summary.ended > 0 ? t('network.map.ended', { count: summary.ended }) : null,
    t('network.map.seeTable'),
  ];
  return <>{sentences.filter(Boolean).join(' ')}</>;
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

interface LinkProps {
  node: PlacedContact;
  contact: NetworkContact;
  clientRadius: number;
}

function Link({ node, contact, clientRadius }: LinkProps) {
  const { from, to } = linkEnds(node, clientRadius, NODE_RADIUS);
  const className = [
    'network-map__link',
    contact.strained ? 'network-map__link--strained' : null,
    contact.endedOn ? 'network-map__link--ended' : null,
  ]
    .filter(Boolean)
    .join(' ');
  const width = LINE_WIDTH[closenessOf(contact.closeness)];
  return contact.strained ? (
    <polyline points={points(zigzag(from, to))} className={className} strokeWidth={width} />
  ) : (
    <line x1={from.x} y1={from.y} x2={to.x} y2={to.y} className={className} strokeWidth={width} />
  );
}

function Node({ node, contact }: { node: PlacedContact; contact: NetworkContact }) {
  const { t } = useTranslation();
  const format = useFormat();
  const letters = SUPPORT_KINDS.filter((kind) => contact.support.includes(kind))
    .map((kind) => t(`network.supportLetter.${kind}`))
    .join('');
  // The tooltip for mouse users; assistive technology reads the table instead.
  const tooltip = [
    contact.name,
    [
      t(`network.kind.${contact.kind}`),
      contact.relation,
      t(`network.closeness.${closenessOf(contact.closeness)}`),
      contact.strained ? t('network.map.strained') : null,
      contact.endedOn ? t('network.map.endedOn', { date: format.day(contact.endedOn) }) : null,
    ]
      .filter(Boolean)
      .join(', '),
    contact.support.map((kind) => t(`network.support.${kind}`)).join(', '),
  ]
    .filter(Boolean)
    .join(' – ');
  const className = contact.endedOn ? 'network-map__node network-map__node--ended' : 'network-map__node';
  return (
    <g className={className} transform={`translate(${node.x} ${node.y})`}>
      <title>{tooltip}</title>
      {contact.kind === 'agency' ? (
        <rect
          x={-NODE_RADIUS}
          y={-NODE_RADIUS}
          width={2 * NODE_RADIUS}
          height={2 * NODE_RADIUS}
          rx={3}
          className="network-map__node-shape"
        />
      ) : (
        <circle r={NODE_RADIUS} className="network-map__node-shape" />
      )}
      {letters ? (
        <text className="network-map__support" textAnchor="middle" dominantBaseline="central">
          {letters}
        </text>
      ) : null}
      <text className="network-map__name" y={NODE_RADIUS + 3} textAnchor="middle" dominantBaseline="hanging">
        {fitLabel(contact.name)}
      </text>
    </g>
  );
}

/** The key, as HTML below the drawing: readable by everyone, and printed with it. */
function Legend() {
  const { t } = useTranslation();
  const sample = (content: ReactNode) => (
    <svg className="network-legend__sample" viewBox="0 0 40 20" width="40" height="20" aria-hidden="true">
      {content}
    </svg>
  );
  const line = (width: number, className = 'network-map__link') => (
    <line x1={2} y1={10} x2={38} y2={10} className={className} strokeWidth={width} />
  );
  return (
    <div className="network-legend">
      <h3 className="network-legend__heading">{t('network.legend.heading')}</h3>
      <ul className="network-legend__list">
        <li>
          {sample(
            <>
              <circle cx={20} cy={10} r={9} className="network-map__ring" />
              <circle cx={20} cy={10} r={5} className="network-map__ring" />
            </>,
          )}
          {t('network.legend.rings')}
        </li>
        <li>
          {sample(line(LINE_WIDTH[1]))}
          {t('network.legend.veryClose')}
        </li>
        <li>
          {sample(line(LINE_WIDTH[2]))}
          {t('network.legend.close')}
        </li>
        <li>
          {sample(line(LINE_WIDTH[3]))}
          {t('network.legend.distant')}
        </li>
        <li>
          {sample(
            <polyline
              points={points(zigzag({ x: 2, y: 10 }, { x: 38, y: 10 }, 8, 3))}
              className="network-map__link network-map__link--strained"
              strokeWidth={LINE_WIDTH[2]}
            />,
          )}
          {t('network.legend.strained')}
        </li>
        <li>
          {sample(line(LINE_WIDTH[2], 'network-map__link network-map__link--ended'))}
          {t('network.legend.ended')}
        </li>
        <li>
          {sample(
            <g className="network-map__node">
              <circle cx={20} cy={10} r={8} className="network-map__node-shape" />
            </g>,
          )}
          {t('network.legend.person')}
        </li>
        <li>
          {sample(
            <g className="network-map__node">
              <rect x={12} y={2} width={16} height={16} rx={2} className="network-map__node-shape" />
            </g>,
          )}
          {t('network.legend.institution')}
        </li>
      </ul>
      <p className="network-legend__support">
        {t('network.legend.support')}:{' '}
        {SUPPORT_KINDS.map((kind, i) => (
          <span key={kind}>
            {i > 0 ? ', ' : null}
            <strong>{t(`network.supportLetter.${kind}`)}</strong> {t(`network.support.${kind}`)}
          </span>
        ))}
      </p>
    </div>
  );
}
