/**
 * Progress display of training runs: a progress bar on a terminal ({@code me.tongfei:progressbar}), plain lines
 * otherwise, both showing the loss, its trend over the last tenth of the run, the elapsed time and the ETA.
 */
package org.alws.cli.progress;
