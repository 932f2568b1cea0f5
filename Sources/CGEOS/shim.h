#ifndef FORESTMAP_CGEOS_SHIM_H
#define FORESTMAP_CGEOS_SHIM_H
#include <geos_c.h>
#endif
