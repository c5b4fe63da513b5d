"""Tuple unpacking of the shapes, numpy ints from np.shape, a list returned."""
import numpy as np


def dataset_sizes(train_set_x_orig, test_set_x_orig):
    m_train, num_px, _, _ = np.array(np.shape(train_set_x_orig))
    m_test = len(test_set_x_orig)
    print("sizes:", m_train, m_test, num_px)
    return [m_train, m_test, num_px]
