#ifndef FORESTMAP_CPROJ_SHIM_H
#define FORESTMAP_CPROJ_SHIM_H
#include <proj.h>
#include <geodesic.h>
#endif
