// GLPK from Debian's libglpk-dev (no pkg-config file; linked by name).
#include <glpk.h>
