/**
 * Options records: validation helpers, documentation annotation and the empty options record.
 */
package org.alws.api.config;
