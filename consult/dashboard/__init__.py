"""The alignment dashboard (afstemmingsmonitor): who takes part, from which tier, and how
broad the support for the changes is."""
