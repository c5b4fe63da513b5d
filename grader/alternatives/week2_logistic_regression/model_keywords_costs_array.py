"""Keyword arguments all the way, costs as a numpy array, the accuracy printed."""
# ruff: noqa: F821 (the notebook's other functions are in scope)
import numpy as np


def model(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5,
          print_cost=False):
    w, b = initialize_with_zeros(dim=X_train.shape[0])
    params, grads, costs = optimize(w=w, b=b, X=X_train, Y=Y_train, num_iterations=num_iterations,
                                    learning_rate=learning_rate, print_cost=print_cost)
    Y_prediction_test = predict(params["w"], params["b"], X_test)
    Y_prediction_train = predict(params["w"], params["b"], X_train)
    print("train accuracy:", 100 - np.mean(np.abs(Y_prediction_train - Y_train)) * 100)
    return dict(costs=np.array(costs), Y_prediction_test=Y_prediction_test,
                Y_prediction_train=Y_prediction_train, w=params["w"], b=params["b"],
                learning_rate=learning_rate, num_iterations=num_iterations)
