/* Shared pieces of the two influence pictures (influence_map.c: Vester's
 * role map; influence_graph.c: the influence graph). Internal. */
#ifndef FSQ_REPORT_INFLUENCE_SVG_H
#define FSQ_REPORT_INFLUENCE_SVG_H

#include "common/buf.h"
#include "network/network_internal.h"

#define FSQ__INFLUENCE_FONT "Helvetica, Arial, sans-serif"

/* Fill colour of a role, the same in both pictures. */
const char *fsq__influence_role_colour(fsq_influence_role role);

/* Ends the document and hands it out as fsq_network_*_svg do. */
int fsq__influence_svg_finish(fsq__buf *b, char **svg, size_t *len);

/* Appends s with & < > " ' replaced by XML entities. Defined with the XY
 * plots' SVG helpers (src/io/svg.c, moving to src/report/); declared here
 * so these files do not depend on where that header ends up. */
void fsq__xml_escape(fsq__buf *b, const char *s);

#endif
