#ifndef DOCMODELGEN_CCMARK_SHIM_H
#define DOCMODELGEN_CCMARK_SHIM_H
#include <cmark.h>
#endif
