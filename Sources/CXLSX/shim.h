#ifndef FORESTMAP_CXLSX_SHIM_H
#define FORESTMAP_CXLSX_SHIM_H
#include <xlsxwriter.h>
#endif
