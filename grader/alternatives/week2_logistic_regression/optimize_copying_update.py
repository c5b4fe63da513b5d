"""Copies w first, then updates the copy in place (w -= ...), while loop, prints."""
# ruff: noqa: F821 (the notebook's other functions are in scope)
import copy


def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    w, b = copy.deepcopy(w), copy.deepcopy(b)
    costs, i, grads = [], 0, None
    while i < num_iterations:
        grads, cost = propagate(w, b, X, Y)
        w -= learning_rate * grads["dw"]
        b -= learning_rate * grads["db"]
        if i % 100 == 0:
            costs.append(cost)
            print(f"Cost after iteration {i}: {cost:.6f}")
        i += 1
    return {"w": w, "b": b}, grads, costs
