// Placeholder entry point; replaced by the CLI (tools/) work.
#include <cstdio>
int main() { std::puts("quotekit 0.1.0"); }
