import sensors
