"""np.mean of the losses, computed in float32, returned with .item()."""
import numpy as np


def compute_cost(AL, Y):
    AL32, Y32 = AL.astype(np.float32), Y.astype(np.float32)
    losses = -(Y32 * np.log(AL32) + (1 - Y32) * np.log(1 - AL32))
    return np.mean(losses).item()
