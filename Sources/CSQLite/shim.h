#ifndef FORESTMAP_CSQLITE_SHIM_H
#define FORESTMAP_CSQLITE_SHIM_H
#include <sqlite3.h>
#endif
