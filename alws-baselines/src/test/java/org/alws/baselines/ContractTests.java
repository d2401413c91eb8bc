package org.alws.baselines;

import org.alws.api.contract.LearnerContract;
import org.alws.api.learn.Learner;
import org.alws.api.learn.Optimizer;
import org.junit.jupiter.api.Nested;

/**
 * The published {@link LearnerContract} run on every baseline learner with its defaults and Adam (step size 1e-3).
 * The contract's model is z ~ N(0, 1), x | z ~ N(w z + b, s²): its posterior is Normal with a mean linear in x, so
 * the default guide can represent it. Measured mean relative errors of the score estimates (20 points, three seeds,
 * one run): vae 0.529 at 200 particles, 0.473 at 2,000; iwae 0.203, 0.072; iwae with DReG 0.222, 0.062; rws
 * 0.280, 0.072; wake-sleep 0.540, 0.459. The importance-sampling estimators (iwae, rws) converge; vae and
 * wake-sleep keep the bias of their imperfectly fitted guide (the gradient of the ELBO, not of log p(x)). Each
 * tolerance leaves a margin of about a sixth over the figure at 2,000.
 */
class ContractTests {

    @Nested
    class Vae extends LearnerContract {
        @Override
        protected Learner learner() {
            return new VaeLearner(VaeOptions.defaults());
        }

        @Override
        protected Optimizer optimizer() {
            return new TestAdam(1e-3);
        }

        @Override
        protected double scoreTolerance() {
            return 0.55;
        }
    }

    @Nested
    class Iwae extends LearnerContract {
        @Override
        protected Learner learner() {
            return new IwaeLearner(IwaeOptions.defaults());
        }

        @Override
        protected Optimizer optimizer() {
            return new TestAdam(1e-3);
        }

        @Override
        protected double scoreTolerance() {
            return 0.085;
        }
    }

    @Nested
    class IwaeDreg extends LearnerContract {
        @Override
        protected Learner learner() {
            return new IwaeLearner(IwaeOptions.defaults().withDreg(true));
        }

        @Override
        protected Optimizer optimizer() {
            return new TestAdam(1e-3);
        }

        @Override
        protected double scoreTolerance() {
            return 0.075;
        }
    }

    @Nested
    class Rws extends LearnerContract {
        @Override
        protected Learner learner() {
            return new RwsLearner(RwsOptions.defaults());
        }

        @Override
        protected Optimizer optimizer() {
            return new TestAdam(1e-3);
        }

        @Override
        protected double scoreTolerance() {
            return 0.085;
        }
    }

    @Nested
    class WakeSleep extends LearnerContract {
        @Override
        protected Learner learner() {
            return new WakeSleepLearner(WakeSleepOptions.defaults());
        }

        @Override
        protected Optimizer optimizer() {
            return new TestAdam(1e-3);
        }

        @Override
        protected double scoreTolerance() {
            return 0.55;
        }
    }
}
