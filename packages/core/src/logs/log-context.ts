/** What a log parser needs to know about the node and the moment of collection. */
export interface LogContext {
  /** ISO UTC time of collection: gives the year to year-less timestamps (syslog, klog, dmesg -H). */
  referenceTime?: string;
  /** ISO UTC boot time: turns raw dmesg monotonic seconds into wall-clock times. */
  bootTime?: string;
}
