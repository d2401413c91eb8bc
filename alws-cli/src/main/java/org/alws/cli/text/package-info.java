/**
 * Plain-text output of the command line: aligned tables, number and duration formatting, and CSV files written
 * atomically.
 */
package org.alws.cli.text;
