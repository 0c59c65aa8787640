/* The JSON writer moved to src/common/json.h (a bottom-layer utility, like
 * buf). This forwarding header keeps the remaining includes working until
 * they name common/json.h themselves. */
#ifndef FSQ_IO_JSON_H
#define FSQ_IO_JSON_H

#include "common/json.h"

#endif
