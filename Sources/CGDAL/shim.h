#ifndef FORESTMAP_CGDAL_SHIM_H
#define FORESTMAP_CGDAL_SHIM_H
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_string.h>
#include <cpl_vsi.h>
#include <malloc.h>   /* malloc_trim, for Geo's FreedMemory: Geo is the only module that sees C */

/// CPLError is variadic: Swift cannot call it. Nothing in forestmap raises GDAL errors, so no wrapper is needed;
/// the handler below only silences GDAL's default printer while keeping CPLGetLastErrorMsg working.
static inline void forestmap_silence_gdal_errors(void) { CPLSetErrorHandler(CPLQuietErrorHandler); }
#endif
