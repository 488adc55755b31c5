import numpy
import utils
