/**
 * The result cache: keys, stored frames, per-table versions and bypass reasons (DESIGN.md
 * decision 9). Knows nothing of Netty or the Avatica transport.
 */
package io.junction.cache;
