/**
 * The export area's views in one lazy chunk (App.tsx): the export menu, the handout's print view
 * and the embed builder; the Share and Open .vms buttons; the byte dump of a long value; the reference panel (key ?); the diagram's legend and arrow labels (MachineDiagram);
 * the diagram's pan and zoom (d3-zoom: usePanZoom fetches it once the diagram is drawn);
 * the Compare view (compare/).
 * One chunk, not several: lazy chunks sharing the main script's modules made
 * the bundler split those out of it (more files and bytes up front).
 */
export { ExportMenu } from './ExportMenu';
export { findDiagramSvg } from './svg_export';
export { HandoutView } from '../handout/HandoutView';
export { EmbedBuilder } from '../embed/EmbedBuilder';
export { EmbedAutoplay } from '../embed/EmbedAutoplay';
export { ImportScenario } from './ImportScenario';
export { ByteDump } from '../ByteDump';
export { ShareButton } from '../ShareButton';
export { ShortcutsTable } from '../ShortcutsTable';
export { ReferencePanel } from '../reference/ReferencePanel';
export { Legend } from '../diagram/Legend';
export { LinkProbe } from '../diagram/LinkProbe';
export { default as CompareView } from '../compare/CompareView';
export { createPanZoom } from '../diagram/pan_zoom_behaviour';
