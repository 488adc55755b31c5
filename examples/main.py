from pyscript import display, document, workers

from utils import mean_of_csv


async def refresh(event):
    stats = await workers["stats"]
    average = await stats.average("./data/temperatures.csv")
    document.querySelector("#average").innerText = f"{average:.1f} °C"


display(f"Average: {mean_of_csv('./data/temperatures.csv'):.1f} °C", target="chart")
