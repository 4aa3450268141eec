/** Price sources for every other module: feeds on a chain, guards, aggregation, histories and synthetic paths. */
package dev.marginsim.oracle;
