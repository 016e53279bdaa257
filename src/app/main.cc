// disd: parse the command line, run the server until SIGINT/SIGTERM, exit.
#include "disd/app/run.h"

int main(int argc, char** argv) { return disd::app::RunMain(argc, argv); }
